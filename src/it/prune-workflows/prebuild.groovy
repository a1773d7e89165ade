// The server holds old versions registered by other means; v1 of itprune_order has an execution held
// RUNNING by a WAIT task; itprune_parent pins itprune_pay v1; another team's itprune_caller starts
// itprune_latest without a version; itprune_foreign belongs to another owner.
import groovy.json.JsonOutput

def send = { String method, String path, Object body ->
  def c = new URL(conductorUrl + '/api/' + path).openConnection()
  c.requestMethod = method
  c.doOutput = true
  c.setRequestProperty('Content-Type', 'application/json')
  c.outputStream.withWriter('UTF-8') { it << JsonOutput.toJson(body) }
  def code = c.responseCode
  assert code in [200, 204] : "${method} ${path} answered ${code}: ${c.errorStream?.text}"
  c.inputStream.text
}
new File(basedir, 'target').deleteDir()
def owner = 'itprune@example.com'
def waitTask = [name: 'wait', taskReferenceName: 'wait_ref', type: 'WAIT']
def wf = { String name, int version, String who, List tasks -> [name: name, version: version, ownerEmail: who, tasks: tasks] }
send('PUT', 'metadata/workflow', [
    wf('itprune_order', 1, owner, [waitTask]),
    wf('itprune_order', 2, owner, [waitTask]),
    wf('itprune_order', 3, owner, [waitTask]),
    wf('itprune_pay', 1, owner, [waitTask]),
    wf('itprune_pay', 2, owner, [waitTask]),
    wf('itprune_parent', 1, owner, [[name: 'pay', taskReferenceName: 'pay_ref', type: 'SUB_WORKFLOW',
                                     subWorkflowParam: [name: 'itprune_pay', version: 1]]]),
    wf('itprune_latest', 1, owner, [waitTask]),
    wf('itprune_latest', 2, owner, [waitTask]),
    wf('itprune_caller', 1, 'someone-else@example.com', [[name: 'latest', taskReferenceName: 'latest_ref',
                                     type: 'SUB_WORKFLOW', subWorkflowParam: [name: 'itprune_latest']]]),
    wf('itprune_foreign', 1, 'someone-else@example.com', [waitTask]),
    wf('itprune_foreign', 2, 'someone-else@example.com', [waitTask])])
def id = send('POST', 'workflow/itprune_order?version=1', [:]).trim()
new File(basedir, 'running.txt').text = id
return true
