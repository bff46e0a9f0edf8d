package io.secplane.identity;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=h2")
class H2CrossTenantTest extends CrossTenantSuite {
}
