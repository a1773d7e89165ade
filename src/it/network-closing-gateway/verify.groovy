def proxy = System.getProperties().remove('io.idflow.faults.FaultProxy@' + proxyPort)
def seen = proxy.seen()
proxy.close()
def log = new File(basedir, 'build.log').text

assert log.contains('✓ Uploaded workflow: itnet_gateway_wf')
assert log.contains('Summary: 1/1 workflows uploaded successfully')
// Three listings reached the gateway (503, 503, 200), then the upload.
assert seen == ['GET /api/metadata/workflow', 'GET /api/metadata/workflow', 'GET /api/metadata/workflow', 'PUT /api/metadata/workflow'] : seen
def stored = new groovy.json.JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow/itnet_gateway_wf?version=1'))
assert stored.tasks[0].taskReferenceName == 'greet_ref'
return true
