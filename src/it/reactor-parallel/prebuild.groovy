// Each module m1..m4 gets 40 task definitions and 40 workflows of its own (itpar_m<n>_...).
import groovy.json.JsonOutput

def N = 40
(1..4).each { m ->
  def idflow = new File(basedir, "m${m}/idflow")
  new File(idflow, 'workflows').mkdirs()
  new File(idflow, 'tasks').mkdirs()
  def name = { String kind, int i -> String.format('itpar_m%d_%s_%02d', m, kind, i) }
  new File(idflow, 'tasks/tasks.json').text = JsonOutput.toJson((1..N).collect { i ->
    [name: name('task', i), description: "module ${m} task ${i}", ownerEmail: "itpar-m${m}@example.com", retryCount: m]
  })
  new File(idflow, 'workflows/flows.json').text = JsonOutput.toJson((1..N).collect { i ->
    [name: name('flow', i), version: m, schemaVersion: 2, description: "module ${m} workflow ${i}", ownerEmail: "itpar-m${m}@example.com",
     tasks: [[name: name('task', i), taskReferenceName: 'work_ref', type: 'SIMPLE']]]
  })
}
return true
