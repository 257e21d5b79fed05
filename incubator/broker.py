"""The embedded broker of the demo: kombu's filesystem transport, with each message written atomically.

Kombu's own transport creates the message file and then writes it, so a worker polling at that instant can
read an empty file and stop with a JSON error. Here the message is written under a temporary name that no
queue matches and then renamed into place, which is atomic on one file system. The same holds for the
exchange table in the control folder: kombu truncates it and then writes it, so a process publishing while
another binds its queue (a worker starting while the web server sends a task) read an empty table and failed;
here the table is replaced whole, under a lock that keeps two binders from losing each other's binding."""

import os
import uuid
from time import monotonic

from kombu.transport import TRANSPORT_ALIASES, filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = os.path.join(self.data_folder_out, f".{name}.part")
        try:
            with open(partial, "wb") as f:
                f.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise filesystem.ChannelError(f"Cannot add file {final!r} to directory") from exc

    def queue_bind(self, queue, exchange=None, routing_key="", arguments=None, **kwargs):
        # The table file first, the process's in-memory bindings after: another thread of this process that finds
        # the binding in memory (and so binds no more) publishes by the file, which must already hold it, or its
        # message would go to no queue.
        exchange = exchange or "amq.direct"
        if not self.state.has_binding(queue, exchange, routing_key):
            self._queue_bind(exchange, *self.typeof(exchange).prepare_bind(queue, exchange, routing_key, arguments))
        super().queue_bind(queue, exchange, routing_key, arguments, **kwargs)

    def _queue_bind(self, exchange, routing_key, pattern, queue):
        table_file = self._exchange_file(exchange)
        self.control_folder.mkdir(parents=True, exist_ok=True)
        binding = filesystem.exchange_queue_t(routing_key or "", pattern or "", queue or "")
        with open(self.control_folder / f".{table_file.name}.lock", "wb") as guard:
            filesystem.lock(guard, filesystem.LOCK_EX)
            try:
                table = self.get_table(exchange)
                if binding not in table:
                    partial = table_file.with_name(f".{table_file.name}.{uuid.uuid4().hex}.part")
                    partial.write_bytes(str_to_bytes(dumps([binding, *table])))
                    os.replace(partial, table_file)
            finally:
                filesystem.unlock(guard)


class Transport(filesystem.Transport):
    Channel = Channel

    @property
    def default_connection_params(self):
        # Folders, not a host: without a default host name, kombu has none to warn it "reverts to" on each start.
        return {"port": self.default_port}


TRANSPORT_ALIASES["filesystem"] = "incubator.broker:Transport"
