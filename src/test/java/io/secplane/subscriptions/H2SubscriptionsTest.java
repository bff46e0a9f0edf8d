package io.secplane.subscriptions;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=h2")
class H2SubscriptionsTest extends SubscriptionsSuite {
}
