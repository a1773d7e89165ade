def proxy = System.getProperties().remove('io.idflow.faults.FaultProxy@' + proxyPort)
def seen = proxy.seen()
proxy.close()
def log = new File(basedir, 'build.log').text

assert log.contains('✓ Uploaded workflow: itnet_gateway_wf')
assert log.contains('Summary: 1/1 workflows uploaded successfully')
// Three reads of the names and versions reached the gateway (503, 503, 200); then the listing, unless the
// shared server holds so many other workflows that only this one's body would be read (it holds none of
// it); then the upload.
def names = 'GET /api/metadata/workflow/names-and-versions'
assert seen.take(3) == [names, names, names] : seen
assert seen.drop(3) in [['PUT /api/metadata/workflow'], ['GET /api/metadata/workflow', 'PUT /api/metadata/workflow']] : seen
def stored = new groovy.json.JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow/itnet_gateway_wf?version=1'))
assert stored.tasks[0].taskReferenceName == 'greet_ref'
return true
