// The server holds both definitions at the same version with other content:
// the workflow's timeoutSeconds is 100 (local 200), the task def's retryCount 2 (local 5).
def send = { String method, String path, String body ->
  def c = new URL(conductorUrl + path).openConnection()
  c.requestMethod = method
  c.doOutput = true
  c.setRequestProperty('Content-Type', 'application/json')
  c.outputStream.withWriter('UTF-8') { it << body }
  assert c.responseCode == 200
}
send('PUT', '/api/metadata/workflow', '[' + new File(basedir, 'idflow/workflows/flow.json').text.replace('"timeoutSeconds": 200', '"timeoutSeconds": 100') + ']')
send('POST', '/api/metadata/taskdefs', '[' + new File(basedir, 'idflow/tasks/task.json').text.replace('"retryCount": 5', '"retryCount": 2') + ']')
return true
