package io.idflow.maven;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.Log;

/** Builds goal Mojos the way Maven would configure them, without Maven: fields set by name, log recorded. */
final class MojoFixture {

  private MojoFixture() {}

  /** Sets a parameter field, declared on the Mojo's class or any superclass. */
  static <T extends AbstractMojo> T set(T mojo, String field, Object value) {
    for (Class<?> c = mojo.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
        return mojo;
      } catch (NoSuchFieldException e) {
        // look further up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalArgumentException("No field " + field + " on " + mojo.getClass());
  }

  /** A Maven log that keeps every line as {@code [LEVEL] message}. */
  static final class RecordingLog implements Log {
    final List<String> lines = new ArrayList<>();

    String text() {
      return String.join("\n", lines);
    }

    private void add(String level, CharSequence message) {
      lines.add("[" + level + "] " + message);
    }

    @Override public boolean isDebugEnabled() { return true; }
    @Override public void debug(CharSequence content) { add("DEBUG", content); }
    @Override public void debug(CharSequence content, Throwable error) { add("DEBUG", content); }
    @Override public void debug(Throwable error) { add("DEBUG", error.toString()); }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public void info(CharSequence content) { add("INFO", content); }
    @Override public void info(CharSequence content, Throwable error) { add("INFO", content); }
    @Override public void info(Throwable error) { add("INFO", error.toString()); }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public void warn(CharSequence content) { add("WARNING", content); }
    @Override public void warn(CharSequence content, Throwable error) { add("WARNING", content); }
    @Override public void warn(Throwable error) { add("WARNING", error.toString()); }
    @Override public boolean isErrorEnabled() { return true; }
    @Override public void error(CharSequence content) { add("ERROR", content); }
    @Override public void error(CharSequence content, Throwable error) { add("ERROR", content); }
    @Override public void error(Throwable error) { add("ERROR", error.toString()); }
  }
}
