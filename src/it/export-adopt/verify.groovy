import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] --- idflow:/) // one chunk per goal run, in order
assert runs.length == 6 : "expected 5 goal runs in build.log, found ${runs.length - 1}"
def idflow = new File(basedir, 'idflow')

// 1: the dry run lists and writes nothing
assert runs[1].contains('Would export workflow itexp_order v2 to idflow/workflows/itexp_order.json')
assert runs[1].contains('Would export task itexp_charge to idflow/tasks/itexp_charge.json')
assert runs[1].contains('Summary: dry run, nothing was written; would export 1 workflow and 2 task definitions')
assert !runs[1].contains('itexp_foreign')

// 2: the export writes the newest version of each workflow of the owner, and its task definitions
assert runs[2].contains('✓ Exported workflow itexp_order v2 to idflow/workflows/itexp_order.json')
assert runs[2].contains('Summary: exported 1 workflow and 2 task definitions')
def files = []
idflow.eachFileRecurse { if (it.isFile()) files << idflow.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
// (itexp_order.v1.json is run 4's)
assert files.sort() == ['tasks/itexp_charge.json', 'tasks/itexp_label.json', 'workflows/itexp_order.json',
                       'workflows/itexp_order.v1.json'] : files
def text = new File(idflow, 'workflows/itexp_order.json').text
assert text.startsWith('{\n  "name": "itexp_order",\n') && text.endsWith('}\n') : text
assert !text.contains('createTime') && !text.contains('updateTime') && !text.contains('"startDelay"') : text
def order = new JsonSlurper().parseText(text)
assert order.version == 2 && order.timeoutSeconds == 600
assert order.tasks[1].defaultCase[0].subWorkflowParam.workflowDefinition.tasks[0].name == 'itexp_label'
assert new JsonSlurper().parse(new File(idflow, 'tasks/itexp_charge.json')) ==
    [name: 'itexp_charge', retryCount: 5, responseTimeoutSeconds: 30, ownerEmail: 'itexp@example.com']
def served = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/taskdefs/itexp_charge'))
println "export-adopt: the server returns itexp_charge with ${served.size()} fields, exported with 4"
assert served.size() > 4

// 3: what was exported is valid, and the server holds exactly it
assert runs[3].contains('Validated 1 workflow and 2 task definitions in 3 files: no errors')
assert runs[4].contains('Plan: 0 to create, 0 to update, 3 unchanged')
assert log.contains('BUILD SUCCESS')

// 4: a rerun for every version skips what is local and writes only the older version
assert runs[5].contains('Skipped workflow itexp_order v2: defined in idflow/workflows/itexp_order.json')
assert runs[5].contains('✓ Exported workflow itexp_order v1 to idflow/workflows/itexp_order.v1.json')
assert runs[5].contains('Summary: exported 1 workflow and 0 task definitions, 3 skipped')
assert new File(idflow, 'workflows/itexp_order.json').text == text
return true
