package io.secplane.console;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=postgres")
class PostgresConsoleTest extends ConsoleSuite {
}
