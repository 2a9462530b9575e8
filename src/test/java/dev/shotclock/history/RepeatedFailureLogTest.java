package dev.shotclock.history;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatedFailureLogTest {

  @Test
  void a_task_failing_every_pass_logs_one_error_and_one_recovery() {
    Logger logger = (Logger) LoggerFactory.getLogger("test.repeated");
    logger.setLevel(Level.INFO);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    RepeatedFailureLog log = new RepeatedFailureLog(logger);
    for (int i = 0; i < 20; i++) {
      log.failed("heartbeat", new IllegalStateException("db down"));
    }
    log.succeeded("heartbeat");
    log.succeeded("heartbeat");
    assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.INFO);
    assertThat(appender.list.get(1).getFormattedMessage()).isEqualTo("heartbeat works again after 20 failed pass(es)");
  }
}
