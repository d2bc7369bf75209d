"""coursegen: one course.yml -> course-site pages, calendar and feeds (no MkDocs inside)."""

from .loader import CourseError, load
from .model import Course

__all__ = ["Course", "CourseError", "load"]
