// The offers page's one script. Nothing depends on it: without it the page is reloaded by hand to follow a scan.
document.addEventListener('DOMContentLoaded', function () {
  // A scan run still RUNNING: load the page again every second and a half until none is (its offers appear with it).
  var scans = document.getElementById('offer-scans');
  if (scans && scans.dataset.running === 'true') {
    setTimeout(function () { window.location.reload(); }, 1500);
  }
});
