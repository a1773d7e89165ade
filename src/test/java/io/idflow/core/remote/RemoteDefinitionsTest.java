package io.idflow.core.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Only the project's workflow bodies are read from a server that holds many others, and the
 * snapshot never passes a partial read off as the whole listing.
 */
class RemoteDefinitionsTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ConductorClient client;

  @BeforeEach
  void setUp() {
    client = ConductorClient.builder(server.baseUrl()).retries(0).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static String workflow(String name, int version) {
    return "{\"name\":\"" + name + "\",\"version\":" + version + ",\"tasks\":[]}";
  }

  /** {@code others} names of another team with 5 versions each, and {@code ours} at version 1. */
  private static void serverHolds(int others, String... ours) {
    String names =
        IntStream.range(0, others)
                .mapToObj(
                    i ->
                        "\"other_"
                            + i
                            + "\":["
                            + IntStream.rangeClosed(1, 5)
                                .mapToObj(
                                    v -> "{\"name\":\"other_" + i + "\",\"version\":" + v + "}")
                                .collect(Collectors.joining(","))
                            + "]")
                .collect(Collectors.joining(","))
            + List.of(ours).stream()
                .map(n -> ",\"" + n + "\":[{\"name\":\"" + n + "\",\"version\":1}]")
                .collect(Collectors.joining());
    server.stubFor(
        get(urlPathEqualTo("/api/metadata/workflow/names-and-versions"))
            .willReturn(okJson("{" + names + "}")));
    for (String n : ours) {
      server.stubFor(
          get(urlPathEqualTo("/api/metadata/workflow/" + n)).willReturn(okJson(workflow(n, 1))));
    }
    server.stubFor(
        get(urlPathEqualTo("/api/metadata/workflow"))
            .willReturn(okJson("[" + workflow("whole_listing", 1) + "]")));
  }

  private List<String> requests() {
    return server.findAll(anyRequestedFor(anyUrl())).stream()
        .map(r -> r.getMethod().getName() + " " + r.getUrl())
        .sorted()
        .toList();
  }

  @Test
  void onAServerOfManyOthersOnlyTheProjectsBodiesAreRead() {
    serverHolds(20, "a", "b");
    RemoteDefinitions remote =
        RemoteDefinitions.fetch(
            client,
            List.of(
                DefinitionId.workflow("a", 1),
                DefinitionId.workflow("b", 1),
                DefinitionId.workflow("b", 2), // not on the server: not asked
                DefinitionId.workflow("new", 1)),
            Kind.WORKFLOW);

    assertThat(requests())
        .containsExactly(
            "GET /api/metadata/workflow/a?version=1",
            "GET /api/metadata/workflow/b?version=1",
            "GET /api/metadata/workflow/names-and-versions");
    assertThat(remote.get(DefinitionId.workflow("a", 1))).isPresent();
    assertThat(remote.get(DefinitionId.workflow("b", 2))).isEmpty();
    assertThat(remote.workflowVersions()).hasSize(22).containsEntry("other_3", sorted(1, 5));
    assertThatThrownBy(() -> remote.all(Kind.WORKFLOW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not fetched (in full)");
  }

  @Test
  void whenTheProjectIsMuchOfTheServerTheOneListingIsRead() {
    serverHolds(1, "a", "b"); // 7 versions, 2 wanted: under 4 times as many
    RemoteDefinitions remote =
        RemoteDefinitions.fetch(
            client,
            List.of(DefinitionId.workflow("a", 1), DefinitionId.workflow("b", 1)),
            Kind.WORKFLOW);

    assertThat(requests())
        .containsExactly(
            "GET /api/metadata/workflow", "GET /api/metadata/workflow/names-and-versions");
    assertThat(remote.all(Kind.WORKFLOW)).hasSize(1); // the listing's, whole
  }

  @Test
  void aServerWithoutTheNamesListingOrWithAnotherShapeGetsTheWholeListing() {
    server.stubFor(
        get(urlPathEqualTo("/api/metadata/workflow"))
            .willReturn(okJson("[" + workflow("a", 1) + "]")));
    List<DefinitionId> wanted = List.of(DefinitionId.workflow("a", 1));

    assertThat(RemoteDefinitions.fetch(client, wanted, Kind.WORKFLOW).all(Kind.WORKFLOW))
        .hasSize(1); // names-and-versions: 404
    server.stubFor(
        get(urlPathEqualTo("/api/metadata/workflow/names-and-versions"))
            .willReturn(okJson("[\"a gateway's own answer\"]")));
    assertThat(RemoteDefinitions.fetch(client, wanted, Kind.WORKFLOW).all(Kind.WORKFLOW))
        .hasSize(1);
  }

  @Test
  void aBodyThatIsAnotherDefinitionFailsTheFetch() {
    serverHolds(20, "a");
    server.stubFor(
        get(urlPathEqualTo("/api/metadata/workflow/a")).willReturn(okJson(workflow("a", 3))));

    assertThatThrownBy(
            () ->
                RemoteDefinitions.fetch(
                    client, List.of(DefinitionId.workflow("a", 1)), Kind.WORKFLOW))
        .isInstanceOf(ConductorException.class)
        .hasMessageContaining("workflow a v3 instead of a v1");
  }

  @Test
  void aBodyGoneSinceTheNamesWereListedIsLeftOutAndAFailureStopsTheFetch() {
    serverHolds(20, "a", "b");
    server.stubFor(
        get(urlPathEqualTo("/api/metadata/workflow/a")).willReturn(aResponse().withStatus(404)));
    RemoteDefinitions remote =
        RemoteDefinitions.fetch(
            client,
            List.of(DefinitionId.workflow("a", 1), DefinitionId.workflow("b", 1)),
            Kind.WORKFLOW);
    assertThat(remote.get(DefinitionId.workflow("a", 1))).isEmpty();
    assertThat(remote.get(DefinitionId.workflow("b", 1))).isPresent();

    server.stubFor(
        get(urlPathEqualTo("/api/metadata/workflow/b")).willReturn(aResponse().withStatus(500)));
    assertThatThrownBy(
            () ->
                RemoteDefinitions.fetch(
                    client,
                    List.of(DefinitionId.workflow("a", 1), DefinitionId.workflow("b", 1)),
                    Kind.WORKFLOW))
        .isInstanceOf(ConductorException.class)
        .hasMessageContaining("/metadata/workflow/b");
  }

  private static java.util.SortedSet<Integer> sorted(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .boxed()
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
