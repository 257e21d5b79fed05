"""The embedded broker of the demo: kombu's filesystem transport, with each message written atomically.

Kombu's own transport creates the message file and then writes it, so a worker polling at that instant can
read an empty file and stop with a JSON error. Here the message is written under a temporary name that no
queue matches and then renamed into place, which is atomic on one file system."""

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


class Transport(filesystem.Transport):
    Channel = Channel

    @property
    def default_connection_params(self):
        # Folders, not a host: without a default host name, kombu has none to warn it "reverts to" on each start.
        return {"port": self.default_port}


TRANSPORT_ALIASES["filesystem"] = "incubator.broker:Transport"
