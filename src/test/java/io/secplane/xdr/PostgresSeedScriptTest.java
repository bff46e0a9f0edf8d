package io.secplane.xdr;

import java.util.List;

import io.secplane.support.EmbeddedPostgres;

class PostgresSeedScriptTest extends SeedScriptSuite {

    private final String url = EmbeddedPostgres.get().newDatabase();

    @Override
    protected List<String> databaseArguments() {
        return List.of("--database-url=" + url, "--database-user=postgres");
    }
}
