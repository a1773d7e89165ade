def log = new File(basedir, 'build.log').text
assert log.contains("Workflow 'nope' not found in local files (known: itunknown_a, itunknown_b)")
assert new URL(conductorUrl + '/api/metadata/workflow/itunknown_a?version=1').openConnection().responseCode == 404
