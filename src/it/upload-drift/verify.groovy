import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// warn: the differing path with both values, skipped, build passes
assert log.contains('[WARNING] ⚠ Workflow itdrift_flow differs from Conductor at the same version (onDrift=warn), not uploaded; remote -> local:')
assert log.contains('[WARNING]     /timeoutSeconds: 100 -> 200')
// fail: the build fails naming the file and the path, nothing uploaded
assert log.contains('Drift (onDrift=fail): 1 workflow differs from Conductor at the same version; nothing was uploaded:')
assert log.contains('itdrift_flow v1 (idflow/workflows/flow.json)')
// overwrite: uploaded
assert log.contains('✓ Uploaded workflow: itdrift_flow')
assert log.contains('Summary: 1/1 workflows uploaded successfully')
def stored = new JsonSlurper().parse(new URL(conductorUrl + '/api/metadata/workflow/itdrift_flow?version=1'))
assert stored.timeoutSeconds == 200
