package io.secplane.identity;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=postgres")
class PostgresCrossTenantTest extends CrossTenantSuite {
}
