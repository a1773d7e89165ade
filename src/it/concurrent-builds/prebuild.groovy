// 30 task definitions and 30 workflows, each workflow using one of them: enough that the bulk writes of
// four builds take long enough to overlap on the server.
import groovy.json.JsonOutput

def N = 30
def idflow = new File(basedir, 'idflow')
new File(idflow, 'tasks').mkdirs()
new File(idflow, 'workflows').mkdirs()
def name = { String kind, int i -> String.format('itconc_%s_%02d', kind, i) }
new File(idflow, 'tasks/tasks.json').text = JsonOutput.prettyPrint(JsonOutput.toJson((1..N).collect { i ->
  [name: name('task', i), description: "task ${i} of the concurrency IT", ownerEmail: 'itconc@example.com',
   retryCount: i % 4, timeoutSeconds: 600, responseTimeoutSeconds: 60]
}))
(1..N).each { i ->
  new File(idflow, "workflows/${name('flow', i)}.json").text = JsonOutput.prettyPrint(JsonOutput.toJson([
      name: name('flow', i), version: 1, schemaVersion: 2, description: "workflow ${i} of the concurrency IT",
      ownerEmail: 'itconc@example.com', timeoutSeconds: 120,
      tasks: [[name: name('task', i), taskReferenceName: 'work_ref', type: 'SIMPLE', inputParameters: [n: i]]]]))
}
return true
