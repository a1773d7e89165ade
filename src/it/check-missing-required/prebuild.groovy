// The application's own workflow and version 1 of the payments workflow it starts are on the server.
def payments = new File(basedir, 'idflow/workflows/app.json').text.replace('itcmreq_app', 'itcmreq_payments')
def put = new URL(conductorUrl + '/api/metadata/workflow').openConnection()
put.requestMethod = 'PUT'
put.doOutput = true
put.setRequestProperty('Content-Type', 'application/json')
put.outputStream.withWriter('UTF-8') { it << '[' + new File(basedir, 'idflow/workflows/app.json').text + ',' + payments + ']' }
assert put.responseCode == 200
return true
