package io.secplane.subscriptions;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=postgres")
class PostgresSubscriptionsTest extends SubscriptionsSuite {
}
