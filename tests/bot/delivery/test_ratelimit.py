"""Token buckets: bursts allowed up to capacity, then the rate holds."""

from bot.delivery.ratelimit import Bucket


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_one_per_interval() -> None:
    ticks = Ticks()
    bucket = Bucket(rate=1.0, capacity=3, clock=ticks)
    assert [bucket.delay() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.delay() == 1.0  # the fourth waits a second
    assert bucket.delay() == 2.0  # and the fifth two


def test_tokens_come_back_with_time_but_not_beyond_capacity() -> None:
    ticks = Ticks()
    bucket = Bucket(rate=30.0, capacity=30, clock=ticks)
    for _ in range(30):
        bucket.delay()
    ticks.now += 100
    assert [bucket.delay() for _ in range(30)] == [0.0] * 30
    assert bucket.delay() > 0
