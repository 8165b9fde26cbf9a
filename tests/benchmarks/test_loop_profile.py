"""The loop profile of `make bench` (benchmarks/loop_profile.py) sorts py-spy's samples by what
the event loop's thread was doing; the report quotes the shares."""

from benchmarks import loop_profile, report

LOOP = ("process 1:serve;run (asyncio/runners.py:1);"
        "BaseEventLoop.run_forever (asyncio/base_events.py:2)")
SERVE = "process 1:serve;main (harzportal/cli.py:3);serve (harzportal/serve.py:4)"
RAW = "\n".join([
    f"{LOOP};EpollSelector.select (selectors.py:5) 10",
    f"{LOOP};process_event (reflex_base/event/processor/base_state_processor.py:6) 20",
    f"{LOOP};process_event (reflex_base/event/x.py:6);load (harzportal/ui/paging.py:7) 30",
    f"{LOOP};load (harzportal/ui/paging.py:7);format_currency (babel/numbers.py:8) 15",
    f"{LOOP};emit (socketio/async_server.py:9);iterencode (json/encoder.py:10) 20",
    f"{SERVE};BaseEventLoop.run_forever (asyncio/base_events.py:2);"
    "Handle._run (asyncio/events.py:11) 5",
    "process 1:serve;Thread._bootstrap (threading.py:1);_worker (concurrent/futures/thread.py:2) 6",
    "process 1:serve;_worker (concurrent/futures/thread.py:2);run (harzportal/db.py:3);"
    "Connection.wait (psycopg/connection.py:4) 3",
    "process 1:serve;_worker (concurrent/futures/thread.py:2);row (harzportal/x.py:3) 1",
    "not a sample line",
])


def test_the_loop_samples_are_sorted_by_their_innermost_known_frame():
    found = loop_profile.summarize(RAW)
    assert found["loop_samples"] == 100
    assert found["loop_busy_share"] == 0.9
    assert found["loop"] == {
        "page handlers (our states, presenters)": 0.30,
        "Reflex event processing": 0.20,
        "socket transport (engine.io, socket.io, JSON encoding)": 0.20,
        "formatting in presenters (Babel)": 0.15,
        "idle (waiting for the network)": 0.10,
        # under cli.py and serve.py only: not a page handler
        "other (asyncio, Granian glue)": 0.05,
    }
    assert found["worker_samples"] == 10
    assert found["workers"] == {"idle": 0.6, "database": 0.3, "python": 0.1}


def test_the_report_quotes_the_profile_and_says_when_there_is_none():
    text = report._loop_profile_text(loop_profile.summarize(RAW) | {"clients": 50})
    assert "50-client round" in text and "100 samples" in text
    assert "busy in 90% of them: page handlers (our states, presenters) 30%" in text
    assert "busy in 40% of their samples, waiting for the database in 30%" in text
    assert "waits for the loop" in text  # the loop (90%) was busier than the threads (40%)
    assert "no profile" in report._loop_profile_text(None)


def test_the_report_blames_the_worker_threads_when_they_were_busier_than_the_loop():
    profile = loop_profile.summarize(RAW) | {"clients": 50, "loop_busy_share": 0.3}
    top = {"socket": {"/invoices": {"p95": 568.0}, "/seminars": {"p95": 99.0}}}
    text = report._loop_profile_text(profile, top)
    assert "queue for the worker threads" in text and "waits for the loop" not in text
    assert "the slowest page is /invoices (p95 568 ms)" in text
