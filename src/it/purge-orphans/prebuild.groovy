// Remote task definitions of two owners, and workflows that use some of them at various depths.
// Owner A (itpurge-a@example.com) is this project's: its local task definition says so.
import groovy.json.JsonOutput

def send = { String method, String path, body ->
  def c = new URL(conductorUrl + '/api/metadata/' + path).openConnection()
  c.requestMethod = method
  c.doOutput = true
  c.setRequestProperty('Content-Type', 'application/json')
  c.outputStream.withWriter('UTF-8') { it << JsonOutput.toJson(body) }
  assert c.responseCode == 200 : "${method} ${path}: ${c.responseCode}"
}
def a = 'itpurge-a@example.com'
def task = { String name, String owner -> [name: name, ownerEmail: owner, description: 'set up by the IT', retryCount: 5, timeoutSeconds: 300, responseTimeoutSeconds: 60] }
send('POST', 'taskdefs', [
    task('itpurge_local', a),
    task('itpurge_orphan_1', a),
    task('itpurge_orphan_2', a),
    task('itpurge_keep_me', a),                    // an orphan, but excluded by name in the last run
    task('itpurge_used_in_fork', a),               // used inside a FORK_JOIN of the newest version
    task('itpurge_used_by_old_version', a),        // used only by version 1 of a workflow
    task('itpurge_used_in_loop_switch', a),        // DO_WHILE > SWITCH case
    task('itpurge_used_by_local_file', a),         // used only by a local workflow file
    task('itpurge_foreign', 'itpurge-b@example.com'),  // another team's
    [name: 'itpurge_no_owner', description: 'no owner at all']])
def simple = { String name, String ref -> [name: name, taskReferenceName: ref, type: 'SIMPLE'] }
send('PUT', 'workflow', [
    [name: 'itpurge_order_flow', version: 1, schemaVersion: 2, ownerEmail: a, tasks: [
        simple('itpurge_used_by_old_version', 'old_ref')]],
    [name: 'itpurge_order_flow', version: 3, schemaVersion: 2, ownerEmail: a, tasks: [
        [name: 'fork', taskReferenceName: 'fork_ref', type: 'FORK_JOIN', forkTasks: [
            [simple('itpurge_used_in_fork', 'charge_ref')], [simple('itpurge_local', 'l_ref')]]],
        [name: 'join', taskReferenceName: 'join_ref', type: 'JOIN', joinOn: ['charge_ref', 'l_ref']]]],
    [name: 'itpurge_loop_flow', version: 1, schemaVersion: 2, ownerEmail: a, tasks: [
        [name: 'loop', taskReferenceName: 'loop_ref', type: 'DO_WHILE', loopCondition: 'false', loopOver: [
            [name: 'route', taskReferenceName: 'route_ref', type: 'SWITCH', evaluatorType: 'value-param', expression: 'k',
             inputParameters: [k: 'x'], decisionCases: [x: [simple('itpurge_used_in_loop_switch', 'deep_ref')]]]]]]]])
return true
