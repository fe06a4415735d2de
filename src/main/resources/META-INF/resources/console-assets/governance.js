// The governance pages' few lines of script. Nothing depends on it: without it the verification page is reloaded by
// hand, and the policy JSON is pasted instead of loaded from a file.
document.addEventListener('DOMContentLoaded', function () {
  // A verification that is still queued or running: fetch the page again each second and swap its report in.
  var report = document.getElementById('verification');
  if (report && report.dataset.finished === 'false') {
    var timer = setInterval(function () {
      fetch(window.location.href, { credentials: 'same-origin' })
        .then(function (answer) { return answer.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('verification');
          if (!fresh) { return; }
          document.getElementById('verification').replaceWith(fresh);
          if (fresh.dataset.finished !== 'false') { clearInterval(timer); }
        });
    }, 1000);
  }
  // The proposal form: a policy file chosen from disk replaces the JSON in the text area.
  var file = document.getElementById('policy-file');
  if (file) {
    file.addEventListener('change', function () {
      if (file.files.length === 1) {
        file.files[0].text().then(function (text) { document.getElementById('policy-json').value = text; });
      }
    });
  }
});
