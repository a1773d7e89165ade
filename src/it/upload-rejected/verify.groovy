def log = new File(basedir, 'build.log').text
// An HTTP task without a request: the server accepts it only if its task definition 'call' has an
// inputTemplate.http_request, which only the server can know, so the plugin warns and the server decides.
assert log.contains("[WARNING] idflow/workflows/bad.json at /tasks/0/inputParameters (workflow itrej_bad v1): inputParameters.http_request"
    + " or inputParameters.uri field is required for taskType: HTTP taskName: call; the server accepts it only if its task definition"
    + " 'call' has inputTemplate.http_request (no local file defines it)")
assert log.contains('[ERROR] ✗ Failed to upload workflow: itrej_bad')
assert log.contains('inputParameters.http_request or inputParameters.uri field is required for taskType: HTTP taskName: call')
// The good one was sent in the same all-or-nothing batch: it is not stored, and the log says why.
assert log.contains('[ERROR] ✗ Failed to upload workflow: itrej_good')
assert log.contains('the server rejected the batch because of another definition')
assert log.contains('Summary: 0/2 workflows uploaded, 2 failed')
def status = { name -> new URL(conductorUrl + '/api/metadata/workflow/' + name + '?version=1').openConnection().responseCode }
assert status('itrej_bad') == 404
assert status('itrej_good') == 404
