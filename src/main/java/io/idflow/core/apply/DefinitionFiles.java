package io.idflow.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;

/**
 * Definition files the plugin writes (exports, purge backups): a file name made from a definition's
 * name, never one already taken, and the JSON as {@link Json#fileText} writes it.
 */
public final class DefinitionFiles {

  private DefinitionFiles() {}

  /**
   * A file in {@code folder} for {@code base} ({@code order_flow}, {@code order_flow.v2}) that no
   * file holds and {@code taken} lacks, with {@code .json} added. Characters no file system takes
   * become {@code _}; names that become the same, or differ only in case (one file on macOS and
   * Windows), get a number ({@code order_flow-2.json}). The name is added to {@code taken}.
   */
  public static Path freeFile(Path folder, String base, Set<String> taken) {
    String safe = base.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").replaceFirst("^\\.", "_");
    String file = safe + ".json";
    for (int n = 2;
        Files.exists(folder.resolve(file)) || !taken.add(file.toLowerCase(Locale.ROOT));
        n++) {
      file = safe + "-" + n + ".json";
    }
    return folder.resolve(file);
  }

  /** Writes {@code json} to {@code file}, which must not exist yet: no file is ever replaced. */
  public static void writeNew(Path file, JsonNode json) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, Json.fileText(json), StandardOpenOption.CREATE_NEW);
  }
}
