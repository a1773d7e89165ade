def log = new File(basedir, 'build.log').text
assert log.contains('The Java home /nonexistent/jdk-21 given for the Conductor server is not a Java installation')
assert log.contains('-Didflow.server.javaHome=/path/to/jdk')
assert log.contains('a jdk toolchain with version 21 or newer in ~/.m2/toolchains.xml')
assert log.contains('JAVA_HOME pointing to a JDK 21 or newer')
assert !log.contains('Starting Conductor')
