package dev.shotclock.notify;

import dev.shotclock.config.NotifierDef;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;

/** Email over SMTP (optionally STARTTLS and a login), with finite timeouts. */
final class EmailSender implements Sender {

  private final NotifierDef.Email def;
  private final Session session;

  EmailSender(NotifierDef.Email def) {
    this.def = def;
    Properties p = new Properties();
    p.put("mail.smtp.host", def.host());
    p.put("mail.smtp.port", Integer.toString(def.port()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(def.starttls()));
    p.put("mail.smtp.starttls.required", Boolean.toString(def.starttls()));
    p.put("mail.smtp.auth", Boolean.toString(def.username() != null));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "10000");
    p.put("mail.smtp.writetimeout", "10000");
    this.session = Session.getInstance(p);
  }

  @Override
  public void deliver(Alert alert, int heldBack) throws Exception {
    MimeMessage msg = new MimeMessage(session);
    msg.setFrom(new InternetAddress(def.from()));
    for (String to : def.to()) {
      msg.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
    }
    msg.setSubject("[ShotClock] " + alert.title());
    msg.setSentDate(Date.from(alert.at()));
    msg.setText(alert.text() + HttpSenders.heldBackNote(heldBack), "UTF-8");
    if (def.username() != null) {
      Transport.send(msg, def.username(), def.password());
    } else {
      Transport.send(msg);
    }
  }
}
