def log = new File(basedir, 'build.log').text
assert log.contains("Workflow 'itstart_nowhere' is not registered in Conductor")
assert log.contains("upload it first with 'mvn idflow:upload-workflows'")
