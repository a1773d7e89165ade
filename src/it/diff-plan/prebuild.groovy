// Server state: itdiff_changed v1 with timeoutSeconds 100 (local 200), itdiff_same as local; task defs
// itdiff_task_changed with retryCount 4 (local 5), itdiff_task_same as local, itdiff_orphan of the
// same owner that no local file defines, itdiff_foreign of another team. itdiff_new and
// itdiff_task_new are not there.
def send = { String method, String path, String body ->
  def c = new URL(conductorUrl + path).openConnection()
  c.requestMethod = method
  c.doOutput = body != null
  if (body != null) {
    c.setRequestProperty('Content-Type', 'application/json')
    c.outputStream.withWriter('UTF-8') { it << body }
  }
  return c.responseCode
}
def text = { path -> new File(basedir, path).text }
assert send('PUT', '/api/metadata/workflow', '[' + text('idflow/workflows/changed.json').replace('"timeoutSeconds": 200', '"timeoutSeconds": 100')
    + ',' + text('idflow/workflows/same.json') + ']') == 200
def tasks = new groovy.json.JsonSlurper().parseText(text('idflow/tasks/tasks.json'))
tasks[0].retryCount = 4
def orphan = [name: 'itdiff_orphan', ownerEmail: 'itdiff-team@example.com', retryCount: 1, timeoutSeconds: 60, responseTimeoutSeconds: 30]
def foreign = [name: 'itdiff_foreign', ownerEmail: 'other-team@example.com', retryCount: 1, timeoutSeconds: 60, responseTimeoutSeconds: 30]
assert send('POST', '/api/metadata/taskdefs', groovy.json.JsonOutput.toJson([tasks[0], tasks[2], orphan, foreign])) == 200
send('DELETE', '/api/metadata/taskdefs/itdiff_task_new', null)
return true
