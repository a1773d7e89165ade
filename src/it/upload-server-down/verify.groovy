def log = new File(basedir, 'build.log').text
assert log.contains('Nothing was uploaded: GET http://127.0.0.1:1/api/metadata/workflow/names-and-versions failed: cannot reach Conductor at http://127.0.0.1:1/api (ConnectException')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/idflow/upload-workflows.json'))
assert report.result == 'error' && report.message.startsWith('Nothing was uploaded: ') && report.entries.isEmpty()
assert !log.contains('Summary:')
assert new URL(conductorUrl + '/api/metadata/workflow/itdown_a?version=1').openConnection().responseCode == 404
