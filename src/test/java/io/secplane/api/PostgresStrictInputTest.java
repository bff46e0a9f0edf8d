package io.secplane.api;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=postgres")
class PostgresStrictInputTest extends StrictInputSuite {
}
