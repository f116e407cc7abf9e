// Progressive enhancement only: every page works without this file.
// The job page: follow the job's events live instead of reloading every 2 seconds, then show the result.
(function () {
  'use strict';
  var job = document.getElementById('job');
  if (!job || !window.EventSource) return;
  var state = job.getAttribute('data-state');
  if (state === 'done' || state === 'failed') return;
  var id = job.getAttribute('data-job-id');
  var stateLine = document.getElementById('job-state');
  var source = new EventSource('/api/jobs/' + encodeURIComponent(id) + '/events');
  function item(stage) {
    return job.querySelector('li[data-stage="' + stage + '"]');
  }
  function mark(stage, status, text) {
    var li = item(stage);
    if (!li) return;
    li.className = 'stage stage-' + status;
    var label = li.querySelector('.stage-status');
    if (label) label.textContent = text;
  }
  function handle(data) {
    var event;
    try { event = JSON.parse(data); } catch (e) { return; }
    if (event.type === 'stage' && event.stage) {
      if (event.phase === 'start') {
        mark(event.stage, 'running', 'running');
        if (stateLine) stateLine.textContent = 'Working…';
      } else {
        var ms = event.ms || 0;
        mark(event.stage, 'done', 'done in ' + (ms < 1000 ? Math.round(ms) + ' ms' : (ms / 1000).toFixed(1) + ' s'));
      }
    } else if (event.type === 'done' || event.type === 'failed') {
      source.close();
      // The server renders the outputs, stories and errors: one reload shows them.
      window.location.reload();
    }
  }
  source.onmessage = function (e) { handle(e.data); };
  ['stage', 'done', 'failed'].forEach(function (name) {
    source.addEventListener(name, function (e) { handle(e.data); });
  });
  source.onerror = function () {
    // The stream is gone (server restarted, job expired): fall back to reloading the page.
    source.close();
    window.setTimeout(function () { window.location.reload(); }, 2000);
  };
})();
