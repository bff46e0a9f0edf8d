package io.secplane.cli;

import java.util.List;

import io.secplane.support.EmbeddedPostgres;

class PostgresClaimCodeCommandTest extends ClaimCodeCommandSuite {
    @Override
    protected List<String> databaseArguments() {
        return List.of("--database-url=" + EmbeddedPostgres.get().newDatabase(), "--database-user=postgres",
                "--database-password=");
    }
}
