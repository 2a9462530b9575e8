// ShotClock dashboard: posts action forms as JSON with the session's CSRF token, and tails the
// log of a running run. No inline script anywhere (the CSP forbids it); everything is wired here.
(function () {
  'use strict';

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function flash(text, isError) {
    var el = document.getElementById('flash');
    if (!el) { return; }
    el.textContent = text;
    el.className = 'flash' + (isError ? ' error' : ' ok');
    el.hidden = false;
  }

  function formJson(form) {
    var body = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.value !== '') { body[el.name] = el.value; }
    });
    return JSON.stringify(body);
  }

  function submitAction(event) {
    event.preventDefault();
    var form = event.currentTarget;
    var confirmText = form.getAttribute('data-confirm');
    if (confirmText && !window.confirm(confirmText)) { return; }
    var buttons = form.querySelectorAll('button');
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    fetch(form.getAttribute('data-action'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() },
      body: formJson(form)
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) {
        flash(result.body.error + (result.body.details && result.body.details.length
          ? ': ' + result.body.details.join('; ') : ''), true);
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
        return;
      }
      var then = form.getAttribute('data-then');
      if (then) {
        window.location.assign(then);
      } else if (result.body.run_id && !result.body.existing) {
        window.location.assign('/ui/runs/' + result.body.run_id);
      } else {
        window.location.reload();
      }
    }).catch(function (err) {
      flash('request failed: ' + err, true);
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
    });
  }

  // Tails a run's log: appends what the log route returns from the last offset until the run
  // has ended, then reloads once so states, durations and exit codes are final.
  function tail(pre) {
    var runId = pre.getAttribute('data-run');
    var next = Number(pre.getAttribute('data-next'));
    function poll() {
      fetch('/ui/runs/' + encodeURIComponent(runId) + '/log?offset=' + next, { credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) { throw new Error('HTTP ' + response.status); }
          return response.json();
        })
        .then(function (chunk) {
          if (chunk.text) {
            pre.appendChild(document.createTextNode(chunk.text));
            pre.scrollTop = pre.scrollHeight;
          }
          next = chunk.next;
          pre.setAttribute('data-next', String(next));
          if (chunk.complete) {
            window.location.reload();
          } else {
            window.setTimeout(poll, chunk.next < chunk.size ? 0 : 1000);
          }
        })
        .catch(function (err) {
          flash('log tail stopped: ' + err.message, true);
        });
    }
    window.setTimeout(poll, 1000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form.js-action'), function (form) {
      form.addEventListener('submit', submitAction);
    });
    var log = document.getElementById('log');
    if (log && log.getAttribute('data-complete') === 'false') {
      tail(log);
    }
  });
}());
