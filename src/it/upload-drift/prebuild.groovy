// The server holds itdrift_flow v1 with timeoutSeconds 100; the local file says 200.
def body = '[' + new File(basedir, 'idflow/workflows/flow.json').text.replace('"timeoutSeconds": 200', '"timeoutSeconds": 100') + ']'
def put = new URL(conductorUrl + '/api/metadata/workflow').openConnection()
put.requestMethod = 'PUT'
put.doOutput = true
put.setRequestProperty('Content-Type', 'application/json')
put.outputStream.withWriter('UTF-8') { it << body }
assert put.responseCode == 200
return true
