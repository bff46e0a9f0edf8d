package io.secplane.server;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=postgres")
class PostgresLoadHeldTest extends LoadHeldSuite {
}
