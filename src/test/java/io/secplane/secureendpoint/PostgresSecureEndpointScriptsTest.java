package io.secplane.secureendpoint;

import java.util.List;

import io.secplane.support.EmbeddedPostgres;

class PostgresSecureEndpointScriptsTest extends SecureEndpointScriptsSuite {

    private final String url = EmbeddedPostgres.get().newDatabase();

    @Override
    protected List<String> databaseArguments() {
        return List.of("--database-url=" + url, "--database-user=postgres");
    }
}
