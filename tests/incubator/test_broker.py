import threading

from kombu import Connection

from incubator import broker  # noqa: F401


def test_the_embedded_broker_never_hands_a_worker_a_half_written_message(tmp_path):
    options = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
        "data_folder_processed": str(tmp_path / "done"),
        "control_folder": str(tmp_path / "control"),
    }
    (tmp_path / "done").mkdir()
    sent = 300
    received = []

    def produce():
        with Connection("filesystem://", transport_options=options) as conn:
            queue = conn.SimpleQueue("park")
            for n in range(sent):
                queue.put({"n": n, "padding": "x" * 20000})
            queue.close()

    producer = threading.Thread(target=produce)
    producer.start()
    with Connection("filesystem://", transport_options=options) as conn:
        queue = conn.SimpleQueue("park")
        while len(received) < sent:
            message = queue.get(timeout=10)
            received.append(message.payload["n"])
            message.ack()
        queue.close()
    producer.join()
    assert type(conn.transport).__module__ == "incubator.broker"
    assert sorted(received) == list(range(sent))


def test_the_embedded_broker_starts_without_warnings(tmp_path, caplog):
    options = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
        "data_folder_processed": str(tmp_path),
        "control_folder": str(tmp_path / "control"),
    }
    with Connection("filesystem://", transport_options=options) as conn:
        conn.SimpleQueue("park").put({"n": 1})
        assert conn.info()["transport"] == "filesystem"
    assert [record.getMessage() for record in caplog.records if record.levelname == "WARNING"] == []
