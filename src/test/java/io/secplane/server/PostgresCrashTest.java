package io.secplane.server;

import java.util.List;

import io.secplane.support.EmbeddedPostgres;

class PostgresCrashTest extends CrashSuite {

    private final String url = EmbeddedPostgres.get().newDatabase();

    @Override
    protected List<String> databaseArguments() {
        return List.of("--database-url=" + url, "--database-user=postgres");
    }
}
