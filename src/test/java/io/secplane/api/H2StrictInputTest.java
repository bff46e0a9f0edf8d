package io.secplane.api;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=h2")
class H2StrictInputTest extends StrictInputSuite {
}
