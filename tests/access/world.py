"""The world the access matrix walks: two organizations and one user of every role, plus what each app adds."""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile

from incubator import services
from incubator.models import Job
from tests.factories import (
    ExpertFactory,
    InstructorFactory,
    OrganizationFactory,
    PartyStaffFactory,
    StaffFactory,
    UserFactory,
    applicant_of,
)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError as error:
            raise AttributeError(name) from error


def build_core():
    org_a = OrganizationFactory(name="甲公益服务中心（矩阵）")
    org_b = OrganizationFactory(name="乙公益服务中心（矩阵）")
    users = {
        "anonymous": None,
        "applicant_a": applicant_of(org_a),
        "applicant_b": applicant_of(org_b),
        "expert_assigned": ExpertFactory(),
        "expert_unassigned": ExpertFactory(),
        "expert_conflicted": ExpertFactory(),
        "instructor_assigned": InstructorFactory(),
        "instructor_other": InstructorFactory(),
        "party_staff": PartyStaffFactory(),
        "park_staff": StaffFactory(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    world = World(users=users, objects={"org_a": org_a, "org_b": org_b})
    world.objects["secret_notification"] = "只给甲的通知（矩阵）"
    services.notify([users["applicant_a"]], "job_finished", world.secret_notification)
    job = Job(owner=users["applicant_a"], kind="test", title="甲的导出", status=Job.Status.DONE, result_name="甲.txt")
    job.result.save("a.txt", ContentFile(b"secret of A"), save=True)
    world.objects["job"] = job
    return world
