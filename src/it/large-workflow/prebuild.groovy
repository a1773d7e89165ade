// Generates idflow/ rather than committing 200 KB of repetition: one workflow of 500 SIMPLE tasks, each
// reading the previous task's output (500 references to check), and the 500 task definitions in one file.
import groovy.json.JsonOutput

int count = 500
def name = { int i -> String.format('itbig_task_%03d', i) }
def tasks = (0..<count).collect { i ->
  [name: name(i), taskReferenceName: "ref_${i}".toString(), type: 'SIMPLE',
   inputParameters: i == 0 ? [order: '${workflow.input.order}'] : [previous: "\${ref_${i - 1}.output.result}".toString()]]
}
def workflow = [name: 'itbig_500_tasks', version: 1, ownerEmail: 'itbig@example.com', timeoutSeconds: 3600, tasks: tasks,
                outputParameters: [result: "\${ref_${count - 1}.output.result}".toString()]]
def defs = (0..<count).collect { i -> [name: name(i), ownerEmail: 'itbig@example.com', retryCount: i % 4, timeoutSeconds: 600,
                                       responseTimeoutSeconds: 300, description: "step ${i} of ${count}".toString()] }
def write = { String path, Object json ->
  def file = new File(basedir, path)
  file.parentFile.mkdirs()
  file.setText(JsonOutput.prettyPrint(JsonOutput.toJson(json)), 'UTF-8')
}
write('idflow/workflows/big.json', workflow)
write('idflow/tasks/all.json', defs)
return true
