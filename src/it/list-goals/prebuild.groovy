// The server holds: itlist_same v1 as the file has it, itlist_drifted v1 and v2 (v2 with another
// timeout), no itlist_missing; task defs itlist_t_same as the file has it, itlist_t_diff with other
// retries and timeout, and itlist_t_remote that no file defines.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def send = { String method, String path, body ->
  def c = new URL(conductorUrl + '/api/metadata/' + path).openConnection()
  c.requestMethod = method
  c.doOutput = true
  c.setRequestProperty('Content-Type', 'application/json')
  c.outputStream.withWriter('UTF-8') { it << JsonOutput.toJson(body) }
  assert c.responseCode == 200 : "${method} ${path}: ${c.responseCode}"
}
def c = new URL(conductorUrl + '/api/metadata/workflow/itlist_missing/1').openConnection()
c.requestMethod = 'DELETE'
c.responseCode // 500 when it is not there: fine
def flows = new JsonSlurper().parse(new File(basedir, 'idflow/workflows/flows.json'))
def drifted = flows[1] + [timeoutSeconds: 30]
send('PUT', 'workflow', [flows[0], drifted, drifted + [version: 1]])
def tasks = new JsonSlurper().parse(new File(basedir, 'idflow/tasks/tasks.json'))
send('POST', 'taskdefs', [tasks[0], tasks[1] + [retryCount: 3, timeoutSeconds: 200], [name: 'itlist_t_remote', ownerEmail: 'itlist@example.com']])
return true
