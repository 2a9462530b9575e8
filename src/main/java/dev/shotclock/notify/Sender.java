package dev.shotclock.notify;

/** Delivers an alert to one notifier; throws when it could not. */
interface Sender {

  void deliver(Alert alert, int heldBack) throws Exception;
}
