package io.secplane.secureendpoint;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=h2")
class H2MsspTest extends MsspSuite {
}
