def log = new File(basedir, 'build.log').text
assert log.contains('cannot reach Conductor at http://127.0.0.1:1/api (ConnectException')
assert !log.contains('Summary:')
assert new URL(conductorUrl + '/api/metadata/workflow/itdown_a?version=1').openConnection().responseCode == 404
