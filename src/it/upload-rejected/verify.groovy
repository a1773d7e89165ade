def log = new File(basedir, 'build.log').text
// conductor-common accepts a SWITCH without evaluatorType; the server does not.
assert log.contains('[ERROR] ✗ Failed to upload workflow: itrej_bad')
assert log.contains('evaluatorType field is required for taskType: SWITCH taskName: route')
// The good one was sent in the same all-or-nothing batch: it is not stored, and the log says why.
assert log.contains('[ERROR] ✗ Failed to upload workflow: itrej_good')
assert log.contains('the server rejected the batch because of another definition')
assert log.contains('Summary: 0/2 workflows uploaded, 2 failed')
def status = { name -> new URL(conductorUrl + '/api/metadata/workflow/' + name + '?version=1').openConnection().responseCode }
assert status('itrej_bad') == 404
assert status('itrej_good') == 404
