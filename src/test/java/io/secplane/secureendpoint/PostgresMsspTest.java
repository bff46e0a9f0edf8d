package io.secplane.secureendpoint;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=postgres")
class PostgresMsspTest extends MsspSuite {
}
