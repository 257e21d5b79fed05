"""Integer lookups that answer alike on SQLite and PostgreSQL.

Django keeps a value beyond an integer column's range out of =, <, > and the like, but not out of IN: SQLite
cannot bind an integer past 64 bits and fails (an OverflowError, so a 500 for a form posted a huge id), where
PostgreSQL finds no row. Such a value matches no row on either, so IN leaves it out."""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
