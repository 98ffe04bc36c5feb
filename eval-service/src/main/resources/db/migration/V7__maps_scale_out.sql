-- eval-service scales out by observations partition as fit-service does: a family's map state records the partition
-- its records arrive on, so that only the instance owning it refits the maps, and each map records which instance
-- fitted it.
alter table map_state add column partition_no integer;
alter table map_fit add column fitted_by text;
