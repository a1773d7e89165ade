// Definitions registered by other means (the REST API, as a UI or a script would): the server adds its
// audit fields and defaults. No idflow/ folder exists yet: export creates it.
import groovy.json.JsonOutput

def call = { String method, String path, Object body ->
  def c = new URL(conductorUrl + '/api/metadata/' + path).openConnection()
  c.requestMethod = method
  c.doOutput = true
  c.setRequestProperty('Content-Type', 'application/json')
  c.outputStream.withWriter('UTF-8') { it << JsonOutput.toJson(body) }
  def code = c.responseCode
  assert code in [200, 204] : "${method} ${path} answered ${code}: ${c.errorStream?.text}"
}
new File(basedir, 'idflow').deleteDir()
def owner = 'itexp@example.com'
call('POST', 'taskdefs', [
    [name: 'itexp_charge', retryCount: 5, responseTimeoutSeconds: 30, ownerEmail: owner],
    [name: 'itexp_label', description: 'Prints a label', ownerEmail: owner],
    [name: 'itexp_foreign', ownerEmail: 'someone-else@example.com']])
def charge = [name: 'itexp_charge', taskReferenceName: 'charge_ref', type: 'SIMPLE',
              inputParameters: [amount: '${workflow.input.amount}']]
call('PUT', 'workflow', [
    [name: 'itexp_order', version: 1, ownerEmail: owner, tasks: [charge]],
    [name: 'itexp_order', version: 2, ownerEmail: owner, timeoutSeconds: 600, timeoutPolicy: 'TIME_OUT_WF',
     inputParameters: ['amount', 'country'],
     tasks: [charge,
             [name: 'route', taskReferenceName: 'route_ref', type: 'SWITCH', evaluatorType: 'value-param',
              expression: 'country', inputParameters: [country: '${workflow.input.country}'],
              decisionCases: [DE: [[name: 'itexp_label', taskReferenceName: 'label_de', type: 'SIMPLE']]],
              defaultCase: [[name: 'ship', taskReferenceName: 'ship_ref', type: 'SUB_WORKFLOW',
                             subWorkflowParam: [name: 'itexp_ship', workflowDefinition: [
                                 name: 'itexp_ship', version: 1, ownerEmail: owner,
                                 tasks: [[name: 'itexp_label', taskReferenceName: 'label_ref', type: 'SIMPLE']]]]]]]]],
    [name: 'itexp_foreign_flow', ownerEmail: 'someone-else@example.com',
     tasks: [[name: 'itexp_foreign', taskReferenceName: 'f_ref', type: 'SIMPLE']]]])
return true
